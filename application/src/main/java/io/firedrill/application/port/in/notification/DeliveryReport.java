package io.firedrill.application.port.in.notification;

import java.time.Duration;

/**
 * What one send to a channel's destination came to: whether the vendor accepted the message, and what it answered.
 *
 * @param accepted whether the vendor took the message (an HTTP success <em>and</em>, for vendors that answer 200 with
 *     an error code in the body, a success code)
 * @param status the HTTP status, or 0 when no answer came (refused destination, connection failure, timeout)
 * @param vendorCode the vendor's own result code where it has one ({@code 0}, {@code 19021}, {@code invalid_payload}),
 *     else {@code null}
 * @param detail the vendor's message, or what went wrong before an answer
 * @param retryAfter how long the vendor asked to wait ({@code Retry-After}), or {@code null}
 * @param latency from the start of the send (the name's resolution included) to the answer or the failure
 * @param retryable whether sending the same message again may succeed (a timeout, a 429, a 5xx), as opposed to a
 *     refusal that will stay one (a wrong signature, a refused destination)
 */
public record DeliveryReport(boolean accepted, int status, String vendorCode, String detail, Duration retryAfter,
                             Duration latency, boolean retryable) {
}
