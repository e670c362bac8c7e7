// api-ms-win-core-synch-l1-2-0.dll for wine 8, which lacks this API set: its exports (synch.def) forward
// WaitOnAddress, WakeByAddressSingle and WakeByAddressAll, which Rust's std imports, to kernelbase.
#include <windows.h>

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved) {
  (void)instance;
  (void)reason;
  (void)reserved;
  return TRUE;
}
