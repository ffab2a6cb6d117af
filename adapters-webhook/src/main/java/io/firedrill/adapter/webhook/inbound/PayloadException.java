package io.firedrill.adapter.webhook.inbound;

/** A payload that cannot be accepted: a 400 naming the field, or a 413 when it is too large. */
public final class PayloadException extends RuntimeException {

    private final int status;
    private final String field;

    private PayloadException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public static PayloadException invalid(String field, String message) {
        return new PayloadException(400, field, message);
    }

    public static PayloadException tooLarge(String field, String message) {
        return new PayloadException(413, field, message);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
