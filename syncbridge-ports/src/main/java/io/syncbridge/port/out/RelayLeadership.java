package io.syncbridge.port.out;

/**
 * Optional capability of an {@link EventOutbox} that several processes share (e.g. one PostgreSQL
 * table behind many server instances): at most one relay at a time publishes from it, so that the
 * instances do not publish the same events twice. A relay asks before every pass; an outbox without
 * this capability is relayed by whoever reads it.
 */
public interface RelayLeadership {

    /**
     * True while this process holds the relay role, taking it when it is free. Cheap enough to
     * call before every pass; a role lost with its connection is noticed here and taken again
     * when free. Throws like the outbox's other operations when its store is unreachable.
     */
    boolean tryLeadership();

    /** Gives the role up (the relay stops), so that another process can take it at once. */
    void resignLeadership();
}
