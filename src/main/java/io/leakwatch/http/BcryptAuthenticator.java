package io.leakwatch.http;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.sun.net.httpserver.BasicAuthenticator;
import io.leakwatch.http.HttpSettings.BasicAuth;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Basic authentication against one user and a bcrypt hash from the config.
 *
 * <p>bcrypt is slow on purpose (a quarter second at cost 12), and Prometheus presents the same
 * password on every scrape; to keep the daemon's CPU budget the last password that passed bcrypt
 * is remembered as a salted SHA-256 digest (salt random per process, never written anywhere) and a
 * later request presenting the same password is checked against that digest. Anything else goes
 * through bcrypt again, so a guess always costs the full bcrypt time. Only one bcrypt runs at a
 * time, so a flood of guesses holds at most one core; a request arriving meanwhile waits its turn
 * (fairly, in arrival order) for at most {@link #WAIT_MILLIS}, then is refused, so no pool thread
 * waits longer. Refusing at once instead locked the right scraper out: Prometheus scrapes each job
 * at a fixed phase, and a job guessing in step with it held the bcrypt every time it came.
 */
final class BcryptAuthenticator extends BasicAuthenticator {

    static final String REALM = "leakwatch";
    /** The longest a request waits for another's bcrypt (one takes 20-250 ms at the usual costs). */
    static final long WAIT_MILLIS = 1000;

    private final byte[] username;
    private final byte[] hash;
    private final byte[] salt = new byte[32];
    private final AtomicReference<byte[]> verified = new AtomicReference<>();
    /** Fair: a request that waits gets the next bcrypt, not a guess that arrived after it. */
    private final ReentrantLock bcrypt = new ReentrantLock(true);

    BcryptAuthenticator(BasicAuth auth) {
        super(REALM, StandardCharsets.UTF_8);
        Objects.requireNonNull(auth, "auth");
        this.username = auth.username().getBytes(StandardCharsets.UTF_8);
        this.hash = auth.passwordHash().getBytes(StandardCharsets.US_ASCII);
        new SecureRandom().nextBytes(salt);
    }

    @Override
    public boolean checkCredentials(String user, String password) {
        if (user == null || password == null) {
            return false;
        }
        byte[] presented = password.getBytes(StandardCharsets.UTF_8);
        boolean userMatches = MessageDigest.isEqual(username, user.getBytes(StandardCharsets.UTF_8));
        byte[] digest = digest(presented);
        byte[] known = verified.get();
        if (known != null && MessageDigest.isEqual(known, digest)) {
            return userMatches;
        }
        try {
            if (!bcrypt.tryLock(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        boolean passwordMatches;
        try {
            // bcrypt runs whatever the user name, so a wrong name costs as long as a wrong password
            passwordMatches = BCrypt.verifyer().verify(presented, hash).verified;
        } finally {
            bcrypt.unlock();
        }
        if (passwordMatches) {
            verified.set(digest);
        }
        return userMatches && passwordMatches;
    }

    private byte[] digest(byte[] password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(password);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
