package dev.rightsplatform.rights.delivery.collection;

/** An uploaded part is larger than {@code rights.collections.max-bytes}; the caller answers {@code 413}. */
class PartTooLargeException extends RuntimeException {

    private final long limit;

    public PartTooLargeException(long limit) {
        super("the part is larger than " + limit + " bytes");
        this.limit = limit;
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }
}
