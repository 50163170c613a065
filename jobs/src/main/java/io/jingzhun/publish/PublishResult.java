package io.jingzhun.publish;

/**
 * What a publish committed.
 *
 * @param manifest the committed manifest
 * @param manifestLocation where it was written
 * @param removedAttempts superseded or abandoned attempt folders of the run date deleted afterwards
 */
public record PublishResult(Manifest manifest, String manifestLocation, int removedAttempts) {}
