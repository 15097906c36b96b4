/** Handoff: moving the active role between devices, directly or with a single-use token. */
package io.syncbridge.domain.handoff;
