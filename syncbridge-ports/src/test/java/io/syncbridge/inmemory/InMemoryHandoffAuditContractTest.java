package io.syncbridge.inmemory;

import io.syncbridge.port.out.HandoffAudit;
import io.syncbridge.port.out.contract.HandoffAuditContract;
import io.syncbridge.port.out.contract.MutableClock;

class InMemoryHandoffAuditContractTest extends HandoffAuditContract {

    @Override
    protected HandoffAudit create(MutableClock clock) {
        return new InMemoryHandoffAudit();
    }
}
