/** State documents: an immutable JSON tree, JSON Pointer addressing, patch operations, limits and checksum. */
package io.syncbridge.domain.state;
