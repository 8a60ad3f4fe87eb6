//! Building a `grid!` and getting candidates allocates nothing of the grid's size: the
//! product is never materialized. A counting global allocator measures it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use gridcv::prelude::*;

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        BYTES.fetch_add(layout.size(), Ordering::SeqCst);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[tunable]
fn six(a: u32, b: u32, c: u32, d: u32, e: u32, f: u32) -> [u32; 6] {
    [a, b, c, d, e, f]
}

/// (allocations, bytes) made by `work`.
fn allocated_by(work: impl FnOnce()) -> (usize, usize) {
    let (calls, bytes) = (ALLOCATIONS.load(Ordering::SeqCst), BYTES.load(Ordering::SeqCst));
    work();
    (ALLOCATIONS.load(Ordering::SeqCst) - calls, BYTES.load(Ordering::SeqCst) - bytes)
}

// One test in this file: the counters are global, a second test thread would add to them.
#[test]
fn building_and_indexing_allocate_o1() {
    let million = allocated_by(|| {
        let grid = grid!(six {
            a: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
            b: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
            c: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
            d: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
            e: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
            f: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        });
        assert_eq!(grid.len(), 1_000_000);
        let first = grid.get(0).unwrap();
        let last = grid.get(999_999).unwrap();
        assert_eq!((first.a, last.f), (0, 9));
    });
    let sixty_four = allocated_by(|| {
        let grid = grid!(six { a: [0, 1], b: [0, 1], c: [0, 1], d: [0, 1], e: [0, 1], f: [0, 1] });
        assert_eq!(grid.len(), 64);
        let first = grid.get(0).unwrap();
        let last = grid.get(63).unwrap();
        assert_eq!((first.a, last.f), (0, 1));
    });
    // Whatever constant the candidates cost, it does not grow with the product ...
    assert_eq!(million, sixty_four);
    // ... and it is small: a candidate of `u32` fields needs no heap at all.
    assert!(million.1 < 1024, "{million:?}");
}
