/** The SyncBridge model: pure Java, no dependencies, every rule testable with a fixed clock. */
package io.syncbridge.domain;
