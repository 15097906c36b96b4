/**
 * The runnable server: {@link io.syncbridge.app.Config} reads the environment, {@link
 * io.syncbridge.app.Wiring} is the one place that chooses adapters and assembles the core and the
 * gateway, and {@link io.syncbridge.app.Main} is the command line ({@code serve}, {@code token},
 * {@code version}, {@code migrate}). Described in {@code docs/configuration.md}.
 */
package io.syncbridge.app;
