//! The core's own allocator on Linux with glibc: large blocks (answers, results: [`LARGE`] bytes and
//! more) are mappings of their own, returned to the system when freed; everything else goes to the C
//! library's `malloc` as before.
//!
//! glibc raises its mmap threshold each time a large block is freed, so after the first multi-MB answer
//! every later body and result came from a per-thread arena that keeps the memory after it is freed:
//! with two tokio workers, a 10,000-image list left ~40 MB resident for good. Setting the threshold
//! (`mallopt`) would fix that for the whole host process, behind its back; this allocator serves only
//! the core's own allocations and changes no setting of the process.
//!
//! A fresh mapping is paid for page by page as it is first written: a 10 MB answer took ~2,500 page
//! faults to read and about as many again for its result's parts (`perf`: fault handling, page
//! clearing and unmapping were ~15 % of the CPU a 10,000-image list cost). Blocks of [`HUGE`] bytes or
//! more are therefore whole 2 MiB pages, aligned and advised for transparent huge pages
//! (`MADV_HUGEPAGE`, on this mapping only, no setting of the process): five faults for 10 MB where the
//! system allows huge pages, small pages as before where it does not.

use std::alloc::{GlobalAlloc, Layout, System};

/// Blocks of at least this many bytes are mappings of their own (glibc's initial threshold, doubled).
pub const LARGE: usize = 256 * 1024;

/// Blocks of at least this many bytes (a transparent huge page on x86-64 and arm64 with 4 KiB pages)
/// are mapped in whole huge pages, aligned to them.
pub const HUGE: usize = 2 * 1024 * 1024;

pub struct CoreAlloc;

fn large(layout: &Layout) -> bool {
    layout.size() >= LARGE && layout.align() <= 4096
}

/// The length of the mapping that holds a large block of `size` bytes.
fn mapped_len(size: usize) -> usize {
    if size >= HUGE {
        size.div_ceil(HUGE).saturating_mul(HUGE)
    } else {
        size
    }
}

unsafe fn map(size: usize) -> *mut u8 {
    let len = mapped_len(size);
    // A huge block: mapped with a huge page's worth of slack, the unaligned ends given back.
    let slack = if size >= HUGE { HUGE } else { 0 };
    let Some(total) = len.checked_add(slack) else {
        return std::ptr::null_mut();
    };
    let p = libc::mmap(
        std::ptr::null_mut(),
        total,
        libc::PROT_READ | libc::PROT_WRITE,
        libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
        -1,
        0,
    );
    if p == libc::MAP_FAILED {
        return std::ptr::null_mut();
    }
    if slack == 0 {
        return p.cast();
    }
    let start = p as usize;
    let aligned = start.next_multiple_of(HUGE);
    let head = aligned - start;
    if head > 0 {
        libc::munmap(p, head);
    }
    let tail = slack - head;
    if tail > 0 {
        libc::munmap((aligned + len) as *mut libc::c_void, tail);
    }
    // Advice only: refused (a kernel without transparent huge pages), the block is small pages.
    libc::madvise(aligned as *mut libc::c_void, len, libc::MADV_HUGEPAGE);
    aligned as *mut u8
}

// SAFETY: every block is allocated and freed by the same side: a layout is large (a mapping) or not
// (System) by its size, which the caller passes unchanged to `dealloc` and `realloc`; mappings are
// page-aligned, so any alignment up to a page is met, and a larger one goes to System.
unsafe impl GlobalAlloc for CoreAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if large(&layout) {
            map(layout.size())
        } else {
            System.alloc(layout)
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if large(&layout) {
            // Anonymous mappings are zero-filled.
            map(layout.size())
        } else {
            System.alloc_zeroed(layout)
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if large(&layout) {
            libc::munmap(ptr.cast(), mapped_len(layout.size()));
        } else {
            System.dealloc(ptr, layout)
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = Layout::from_size_align_unchecked(new_size, layout.align());
        match (large(&layout), large(&new)) {
            (false, false) => System.realloc(ptr, layout, new_size),
            (true, true) => {
                let (from, to) = (mapped_len(layout.size()), mapped_len(new_size));
                if from == to {
                    return ptr; // Within the pages it has.
                }
                // A moved block keeps its advice, perhaps not its alignment (then partly small pages).
                let p = libc::mremap(ptr.cast(), from, to, libc::MREMAP_MAYMOVE);
                if p == libc::MAP_FAILED {
                    return std::ptr::null_mut();
                }
                if to >= HUGE && from < HUGE {
                    // Grown into a huge block: advised as one (its aligned stretches become huge pages).
                    libc::madvise(p, to, libc::MADV_HUGEPAGE);
                }
                p.cast()
            }
            _ => {
                let p = self.alloc(new);
                if !p.is_null() {
                    std::ptr::copy_nonoverlapping(ptr, p, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
                p
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_on_both_sides_of_the_threshold() {
        let a = CoreAlloc;
        unsafe {
            let cases = [
                (100, 200),
                (100, LARGE * 2),
                (LARGE * 2, LARGE * 5),
                (LARGE * 5, 100),
                (LARGE, HUGE * 3 + 5),
                (HUGE * 3 + 5, HUGE * 3 + 900),
                (HUGE * 3 + 900, HUGE * 7),
                (HUGE * 7, HUGE - 1),
                (HUGE * 2, LARGE),
            ];
            for (from, to) in cases {
                let l = Layout::from_size_align(from, 8).unwrap();
                let p = a.alloc(l);
                assert!(!p.is_null());
                for i in 0..from {
                    *p.add(i) = (i % 251) as u8;
                }
                if from >= HUGE {
                    assert_eq!(
                        p as usize % HUGE,
                        0,
                        "a block of {from} bytes is aligned to a huge page"
                    );
                }
                let q = a.realloc(p, l, to);
                assert!(!q.is_null());
                for i in 0..from.min(to) {
                    assert_eq!(*q.add(i), (i % 251) as u8, "byte {i} after {from} -> {to}");
                }
                a.dealloc(q, Layout::from_size_align(to, 8).unwrap());
            }
            let z = Layout::from_size_align(LARGE, 64).unwrap();
            let p = a.alloc_zeroed(z);
            assert!((0..LARGE).all(|i| *p.add(i) == 0));
            assert_eq!(p as usize % 64, 0);
            a.dealloc(p, z);
        }
    }
}
