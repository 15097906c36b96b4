/** Driven ports: what the core needs from the outside, one interface per capability. */
package io.syncbridge.port.out;
