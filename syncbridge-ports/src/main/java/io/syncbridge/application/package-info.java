/** The application services: the only place that sequences a use case (load, decide, store, publish). */
package io.syncbridge.application;
