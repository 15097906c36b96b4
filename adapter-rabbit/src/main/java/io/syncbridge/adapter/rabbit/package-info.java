/**
 * RabbitMQ adapter: publishes domain events to a durable topic exchange through an outbox. The
 * {@link io.syncbridge.adapter.rabbit.RabbitEventPublisher} only records an event; the
 * {@link io.syncbridge.adapter.rabbit.OutboxRelay} delivers it with publisher confirms, retries
 * with backoff while the broker is away, and keeps the order of each session's events.
 */
package io.syncbridge.adapter.rabbit;
