/** Domain events: what happened to a session, for live fan-out and for publication. */
package io.syncbridge.domain.event;
