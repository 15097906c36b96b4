/** Snapshots: immutable copies of a session's state at a version, with an expiry. */
package io.syncbridge.domain.snapshot;
