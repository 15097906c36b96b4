/** Changes: what a device sends as a unit, and what the change log keeps once accepted. */
package io.syncbridge.domain.change;
