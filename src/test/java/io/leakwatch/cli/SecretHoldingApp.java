package io.leakwatch.cli;

import java.util.ArrayList;
import java.util.List;

/** A target whose leaking objects hold a secret: every Credential ever made stays in a static list. */
public final class SecretHoldingApp {

    static final String SECRET = "hunter2-secret";

    /** The leaking type; its password String leaks with it. */
    public static final class Credential {
        final String user;
        final String password;

        Credential(String user, String password) {
            this.user = user;
            this.password = password;
        }
    }

    static final List<Credential> LOGINS = new ArrayList<>();

    private SecretHoldingApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            LOGINS.add(new Credential("user-" + i, SECRET + "-" + i));
        }
        System.out.println("ready " + LOGINS.size());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
