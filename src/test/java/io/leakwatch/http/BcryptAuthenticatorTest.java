package io.leakwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.http.HttpSettings.BasicAuth;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hashes made by another implementation (libxcrypt's crypt(3), as htpasswd and Debian use). */
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
}
