/** Domain errors: a closed set with stable reason codes that adapters map to their protocols. */
package io.syncbridge.domain.error;
