/** Sessions: the aggregate that holds state, version, devices and the active device, and its rules. */
package io.syncbridge.domain.session;
