package io.jingzhun.contract;

/** A contract file that cannot be used; the message names the file and the field. */
public final class ContractException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ContractException(String message) {
    super(message);
  }
}
