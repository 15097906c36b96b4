package io.syncbridge.port.out.contract;

import static io.syncbridge.port.out.contract.Fixtures.unique;
import static io.syncbridge.port.out.contract.Fixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.port.out.AccountStore;
import io.syncbridge.port.out.AccountStore.Account;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link AccountStore}. Every account store adapter subclasses it.
 *
 * <p>What the contract decides where the port's Javadoc leaves room: usernames are unique and
 * looked up ignoring the case of ASCII letters (how other scripts fold is not part of the
 * contract), and are returned as they were created; any username round-trips exactly; of racing
 * creates of one username exactly one succeeds.
 *
 * <p>{@link #create} is called before each test and must give a store over empty data.
 */
public abstract class AccountStoreContract {

    protected final MutableClock clock = new MutableClock();
    private AccountStore store;

    /** A store over empty data. */
    protected abstract AccountStore create(MutableClock clock);

    /** Called after each test: release or empty what {@link #create} made. */
    protected void cleanUp() throws Exception {
    }

    @BeforeEach
    final void createStore() {
        store = create(clock);
    }

    @AfterEach
    final void cleanUpStore() throws Exception {
        cleanUp();
    }

    protected final AccountStore store() {
        return store;
    }

    @Test
    void createdAccountIsFoundWholeByUsernameAndId() {
        Account account = account(unique("Ada.Lovelace"));

        assertThat(store.create(account)).isTrue();

        assertThat(store.findByUsername(account.username())).contains(account);
        assertThat(store.findById(account.id())).contains(account);
    }

    @Test
    void usernameIsFoundIgnoringCaseAndKeepsItsOwnCase() {
        Account account = account(unique("MixedCase"));
        store.create(account);

        assertThat(store.findByUsername(account.username().toUpperCase(Locale.ROOT))).contains(account);
        assertThat(store.findByUsername(account.username().toLowerCase(Locale.ROOT)))
                .get().extracting(Account::username).isEqualTo(account.username());
    }

    @Test
    void usernameTakenIgnoringCaseIsRefusedAndWritesNothing() {
        Account first = account(unique("Grace"));
        store.create(first);
        Account second = account(first.username().toUpperCase(Locale.ROOT));

        assertThat(store.create(second)).isFalse();

        assertThat(store.findById(second.id())).isEmpty();
        assertThat(store.findByUsername(first.username())).contains(first);
    }

    @Test
    void unicodeUsernameRoundTrips() {
        Account account = account(unique("Zoë_李_🙂"));
        store.create(account);

        assertThat(store.findByUsername(account.username())).contains(account);
    }

    @Test
    void unknownAccountIsNotFound() {
        store.create(account(unique("someone")));

        assertThat(store.findByUsername(unique("nobody"))).isEmpty();
        assertThat(store.findById(userId())).isEmpty();
    }

    @Test
    void exactlyOneOfRacingCreatesOfOneUsernameSucceeds() {
        String username = unique("racer");
        List<Account> contenders = List.of(account(username), account(username.toUpperCase(Locale.ROOT)),
                account(username.toLowerCase(Locale.ROOT)), account(username));

        List<Boolean> results = Concurrently.run(contenders.size(), i -> store.create(contenders.get(i)));

        assertThat(results).containsOnlyOnce(true);
        Account winner = contenders.get(results.indexOf(true));
        assertThat(store.findByUsername(username)).contains(winner);
        for (int i = 0; i < contenders.size(); i++) {
            if (!results.get(i)) {
                assertThat(store.findById(contenders.get(i).id())).isEmpty();
            }
        }
    }

    private Account account(String username) {
        return new Account(userId(), username, "$pbkdf2-sha256$i=210000$c2FsdA$aGFzaA", clock.now());
    }
}
