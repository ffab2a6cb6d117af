package io.firedrill.domain.archfixtureecho;

import io.firedrill.domain.archfixture.NetworkingPolicy;

/** The other half of a cycle between two domain concepts, on purpose (ArchitectureRulesBiteTest). */
public final class Echo {

    public NetworkingPolicy policy() {
        return new NetworkingPolicy();
    }
}
