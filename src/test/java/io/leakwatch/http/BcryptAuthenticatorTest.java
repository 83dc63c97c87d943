package io.leakwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.leakwatch.http.HttpSettings.BasicAuth;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hashes made by another implementation (libxcrypt's crypt(3), as htpasswd and Debian use), and guesses under load. */
class BcryptAuthenticatorTest {

    /** crypt("correct horse", "$2?$05$abcdefghijklmnopqrstuu") with libxcrypt; the three versions agree. */
    private static final String HASH_TAIL = "$05$abcdefghijklmnopqrstuuHNbAKRhpaujgo33bRWs.NLUTJO3lOy2";

    @ParameterizedTest
    @ValueSource(strings = {"$2a", "$2b", "$2y"})
    void acceptsTheRightUserAndPasswordOnly(String version) {
        BcryptAuthenticator auth = new BcryptAuthenticator(new BasicAuth("prometheus", version + HASH_TAIL));
        assertThat(auth.checkCredentials("prometheus", "correct horse")).isTrue();
        assertThat(auth.checkCredentials("prometheus", "correct horse")).as("again, from the remembered digest").isTrue();
        assertThat(auth.checkCredentials("prometheus", "correct horsE")).isFalse();
        assertThat(auth.checkCredentials("prometheus", "")).isFalse();
        assertThat(auth.checkCredentials("Prometheus", "correct horse")).isFalse();
        assertThat(auth.checkCredentials("prometheus2", "correct horse")).isFalse();
        assertThat(auth.checkCredentials(null, null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$2a", "$2b", "$2y"})
    void aWrongPasswordFirstDoesNotLetTheRightOneFail(String version) {
        BcryptAuthenticator auth = new BcryptAuthenticator(new BasicAuth("u", version + HASH_TAIL));
        assertThat(auth.checkCredentials("u", "wrong")).isFalse();
        assertThat(auth.checkCredentials("u", "correct horse")).isTrue();
        assertThat(auth.checkCredentials("u", "wrong")).isFalse();
    }

    @Test
    void guessesInStepWithTheRightPasswordDoNotLockItOut() throws Exception {
        // cost 10: each guess holds the one bcrypt for tens of milliseconds, back to back
        String hash = BCrypt.withDefaults().hashToString(10, "correct horse".toCharArray());
        BcryptAuthenticator auth = new BcryptAuthenticator(new BasicAuth("prometheus", hash));
        AtomicBoolean guessing = new AtomicBoolean(true);
        Thread guesser = new Thread(() -> {
            while (guessing.get()) {
                auth.checkCredentials("prometheus", "not-it");
            }
        });
        guesser.start();
        try {
            Thread.sleep(200);
            assertThat(auth.checkCredentials("prometheus", "correct horse"))
                    .as("the right password waits its turn instead of being refused").isTrue();
        } finally {
            guessing.set(false);
            guesser.join();
        }
    }
}
