package io.firedrill.application.port.in.admin;

import java.io.Serial;

/**
 * A rebuild cannot start: one of the same read model is under way ({@code REBUILD_RUNNING}), or the processor is an
 * automation that sends commands and is never rebuilt ({@code NOT_REBUILDABLE}). A 409 with the code.
 */
public final class RebuildRefused extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String code;

    private RebuildRefused(String code, String message) {
        super(message);
        this.code = code;
    }

    public static RebuildRefused running(String name) {
        return new RebuildRefused("REBUILD_RUNNING", "A rebuild of " + name + " is under way; watch it at"
                + " GET /api/v1/admin/projections and start another once it is done.");
    }

    public static RebuildRefused notRebuildable(String name) {
        return new RebuildRefused("NOT_REBUILDABLE", name + " is an automation that sends commands, not a read model:"
                + " it is never rebuilt.");
    }

    /** The stable code of the refusal. */
    public String code() {
        return code;
    }
}
