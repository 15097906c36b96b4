/**
 * The JSON form of domain types for adapters that store or send them (Redis, PostgreSQL outbox,
 * RabbitMQ): written once here, on the domain's own JSON model, so no adapter invents its own.
 */
package io.syncbridge.port.out.codec;
