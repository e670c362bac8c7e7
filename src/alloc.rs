//! The core's own allocator on Linux with glibc: large blocks (answers, results: [`LARGE`] bytes and
//! more) are mappings of their own, returned to the system when freed; everything else goes to the C
//! library's `malloc` as before.
//!
//! glibc raises its mmap threshold each time a large block is freed, so after the first multi-MB answer
//! every later body and result came from a per-thread arena that keeps the memory after it is freed:
//! with two tokio workers, a 10,000-image list left ~40 MB resident for good. Setting the threshold
//! (`mallopt`) would fix that for the whole host process, behind its back; this allocator serves only
//! the core's own allocations and changes no setting of the process.

use std::alloc::{GlobalAlloc, Layout, System};

/// Blocks of at least this many bytes are mappings of their own (glibc's initial threshold, doubled).
pub const LARGE: usize = 256 * 1024;

pub struct CoreAlloc;

fn large(layout: &Layout) -> bool {
    layout.size() >= LARGE && layout.align() <= 4096
}

unsafe fn map(size: usize) -> *mut u8 {
    let p = libc::mmap(
        std::ptr::null_mut(),
        size,
        libc::PROT_READ | libc::PROT_WRITE,
        libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
        -1,
        0,
    );
    if p == libc::MAP_FAILED {
        std::ptr::null_mut()
    } else {
        p.cast()
    }
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
            libc::munmap(ptr.cast(), layout.size());
        } else {
            System.dealloc(ptr, layout)
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = Layout::from_size_align_unchecked(new_size, layout.align());
        match (large(&layout), large(&new)) {
            (false, false) => System.realloc(ptr, layout, new_size),
            (true, true) => {
                let p = libc::mremap(ptr.cast(), layout.size(), new_size, libc::MREMAP_MAYMOVE);
                if p == libc::MAP_FAILED {
                    std::ptr::null_mut()
                } else {
                    p.cast()
                }
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
            for (from, to) in [(100, 200), (100, LARGE * 2), (LARGE * 2, LARGE * 5), (LARGE * 5, 100)] {
                let l = Layout::from_size_align(from, 8).unwrap();
                let p = a.alloc(l);
                assert!(!p.is_null());
                for i in 0..from {
                    *p.add(i) = (i % 251) as u8;
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
