/** Conflict resolution for changes based on an older version: STRICT, MERGE, LAST_WRITER_WINS. */
package io.syncbridge.domain.conflict;
