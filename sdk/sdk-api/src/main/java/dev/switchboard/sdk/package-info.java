/**
 * The Switchboard plugin API.
 *
 * <p>A plugin jar contributes <em>factories</em> through PF4J: {@link dev.switchboard.sdk.model.ModelBackendFactory}
 * for model backends and {@link dev.switchboard.sdk.action.ActionConnectorFactory} for action connectors. The host
 * discovers factories once, then asks each to {@code create} one instance per configured connection (per tenant).
 * Every type in this package tree is loaded parent-first, so it is the same class in the host and in every plugin;
 * no third-party type appears in a signature, so plugins may bundle any library version they like.
 */
package dev.switchboard.sdk;
