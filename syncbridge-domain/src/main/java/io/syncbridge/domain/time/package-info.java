/** Time and identifiers as small interfaces, so that tests can fix them. */
package io.syncbridge.domain.time;
