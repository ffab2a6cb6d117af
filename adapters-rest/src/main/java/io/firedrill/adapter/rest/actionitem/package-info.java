/** Action items over HTTP: {@code /api/v1/action-items}. */
package io.firedrill.adapter.rest.actionitem;
