package io.firedrill.application.archfixturea;

import io.firedrill.application.archfixtureb.Right;

/** One half of a cycle between two slices, on purpose (ArchitectureRulesBiteTest). */
public final class Left {

    public Right right() {
        return new Right();
    }
}
