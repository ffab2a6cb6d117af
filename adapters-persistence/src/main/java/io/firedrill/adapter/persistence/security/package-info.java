/**
 * Tenants and API tokens: configuration entities outside the event log, kept with Hibernate Reactive Panache in
 * the {@code tenant} and {@code api_token} tables.
 */
package io.firedrill.adapter.persistence.security;
