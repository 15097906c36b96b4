package io.syncbridge.inmemory;

import static io.syncbridge.port.out.contract.Fixtures.sessionId;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.out.OperatorAudit;
import io.syncbridge.port.out.OperatorAudit.ActionKind;
import io.syncbridge.port.out.OperatorAudit.OperatorAction;
import io.syncbridge.port.out.contract.MutableClock;
import io.syncbridge.port.out.contract.OperatorAuditContract;
import org.junit.jupiter.api.Test;

class InMemoryOperatorAuditContractTest extends OperatorAuditContract {

    @Override
    protected OperatorAudit create(MutableClock clock) {
        return new InMemoryOperatorAudit();
    }

    @Test
    void keepsOnlyTheNewestUpToItsCapacity() {
        InMemoryOperatorAudit small = new InMemoryOperatorAudit(2);
        SessionId session = sessionId();
        for (String device : new String[] {"a", "b", "c"}) {
            small.record(new OperatorAction("ops", ActionKind.REMOVE_DEVICE, session, device, clock.now(), "done"));
        }

        assertThat(small.recent(10)).extracting(OperatorAction::subject).containsExactly("c", "b");
    }
}
