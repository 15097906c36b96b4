package io.syncbridge.inmemory;

import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.out.AccountStore;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Account store adapter: accounts in memory, unique by username ignoring case
 * ({@code toLowerCase(Locale.ROOT)}) and by id; a username keeps the case it was created with.
 */
public final class InMemoryAccountStore implements AccountStore {

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Account> byUsername = new HashMap<>();
    private final Map<UserId, Account> byId = new HashMap<>();

    /** {@inheritDoc} An id that is taken is refused the same way. */
    @Override
    public boolean create(Account account) {
        Objects.requireNonNull(account, "account");
        String key = folded(account.username());
        lock.lock();
        try {
            if (byUsername.containsKey(key) || byId.containsKey(account.id())) {
                return false;
            }
            byUsername.put(key, account);
            byId.put(account.id(), account);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Account> findByUsername(String username) {
        String key = folded(Objects.requireNonNull(username, "username"));
        lock.lock();
        try {
            return Optional.ofNullable(byUsername.get(key));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Account> findById(UserId id) {
        Objects.requireNonNull(id, "id");
        lock.lock();
        try {
            return Optional.ofNullable(byId.get(id));
        } finally {
            lock.unlock();
        }
    }

    private static String folded(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
