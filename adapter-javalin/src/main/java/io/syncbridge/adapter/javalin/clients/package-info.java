/**
 * The browser client and the demo page, served from the jar: {@code /sdk/*} (the ES module, its
 * TypeScript declarations, the QR encoder) and {@code /demo}. Static files only: nothing here
 * reads or changes a session; the demo page signs in through the public REST API like any client.
 */
package io.syncbridge.adapter.javalin.clients;
