/** Driving ports: the use cases adapters call, grouped by what a caller does. */
package io.syncbridge.port.in;
