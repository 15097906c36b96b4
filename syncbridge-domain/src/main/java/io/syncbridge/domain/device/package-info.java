/** Devices attached to a session and the limit on how many a session holds. */
package io.syncbridge.domain.device;
