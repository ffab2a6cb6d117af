package io.firedrill.application.archfixtureb;

import io.firedrill.application.archfixturea.Left;

/** The other half of a cycle between two slices, on purpose (ArchitectureRulesBiteTest). */
public final class Right {

    public Left left() {
        return new Left();
    }
}
