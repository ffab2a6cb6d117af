package io.firedrill.domain.archfixture;

import java.net.URI;

/** Breaks the domain rule on purpose: it touches the network types and starts a thread (ArchitectureRulesBiteTest). */
public final class NetworkingPolicy {

    public URI where() {
        return URI.create("http://localhost");
    }

    public void later(Runnable work) {
        new Thread(work).start();
    }
}
