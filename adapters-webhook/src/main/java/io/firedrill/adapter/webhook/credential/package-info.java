/** Integration secrets: bearer tokens kept as digests, signing keys sealed under the operator's key. */
package io.firedrill.adapter.webhook.credential;
