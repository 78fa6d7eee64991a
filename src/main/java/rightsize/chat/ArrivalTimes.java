package rightsize.chat;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The arrival instants of a response's content-bearing events, as an immutable list that stores
 * them unboxed: a reader appends one {@code long} per event, and the list shares its array.
 */
final class ArrivalTimes extends AbstractList<Long> implements RandomAccess {

  private final long[] nanos;
  private final int size;

  /**
   * The first {@code size} values of {@code nanos}; the caller may append to the array beyond them
   * later, but must not change them.
   */
  ArrivalTimes(long[] nanos, int size) {
    this.nanos = nanos;
    this.size = size;
  }

  @Override
  public Long get(int index) {
    return nanos[Objects.checkIndex(index, size)];
  }

  @Override
  public int size() {
    return size;
  }
}
