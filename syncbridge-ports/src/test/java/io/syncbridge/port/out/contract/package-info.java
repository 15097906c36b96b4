/**
 * Contract suites of the driven ports, shipped in the ports module's test-jar: one abstract
 * {@code <Port>Contract} per port, which the in-memory adapter and every real adapter subclass,
 * plus the fixtures they share ({@link io.syncbridge.port.out.contract.MutableClock},
 * {@link io.syncbridge.port.out.contract.Fixtures}, and helpers for races and asynchronous events).
 *
 * <p>Rules every suite states again for its port:
 * <ul>
 *   <li>{@code create(...)} is called from the suite's {@code @BeforeEach} (before a subclass's own
 *       {@code @BeforeEach}) and must return an adapter over an <em>empty</em> store: use a fresh key
 *       prefix, schema or table contents per call, or empty it in {@code cleanUp()}, which the suite
 *       calls from its {@code @AfterEach}. Shared resources (pools, connections) belong in
 *       {@code @BeforeAll} or inside {@code create}.</li>
 *   <li>Time comes from the {@link io.syncbridge.port.out.contract.MutableClock} handed to
 *       {@code create}: every expiry decision must compare stored expiry instants with that clock.
 *       An adapter may also set physical TTLs (Redis), but derived relative to the clock
 *       ({@code expiresAt - clock.now()}), never as absolute wall-clock instants, and never shorter
 *       than the logical expiry: the suites move the clock, not the wall clock.</li>
 *   <li>Instants used by the suites have millisecond precision; ids are unique per run and use
 *       upper and lower case, so orderings by id are by code point ({@code String.compareTo};
 *       in PostgreSQL {@code COLLATE "C"}).</li>
 *   <li>Asynchronous adapters (pub/sub) are awaited with a bounded wait, never a sleep.</li>
 * </ul>
 */
package io.syncbridge.port.out.contract;
