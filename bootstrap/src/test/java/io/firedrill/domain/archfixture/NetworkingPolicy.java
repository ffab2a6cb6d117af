package io.firedrill.domain.archfixture;

import io.firedrill.domain.archfixtureecho.Echo;
import java.net.URI;

/** Breaks the domain rules on purpose: it touches the network types, starts a thread and is half of a cycle (ArchitectureRulesBiteTest). */
public final class NetworkingPolicy {

    public URI where() {
        return URI.create("http://localhost");
    }

    public void later(Runnable work) {
        new Thread(work).start();
    }

    /** One half of a cycle between two domain concepts, on purpose. */
    public Echo echo() {
        return new Echo();
    }
}
