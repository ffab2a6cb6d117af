/** Operator endpoints under {@code /api/v1/admin}: event processors and their parked events. */
package io.firedrill.adapter.rest.admin;
