// bcryptprimitives.dll for wine 8, which lacks it: ProcessPrng, the one function Rust's std imports from
// it (its random bytes for HashMap keys), over RtlGenRandom (advapi32's SystemFunction036).
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
  while (length > 0) {
    ULONG n = length > 0x10000000 ? 0x10000000 : (ULONG)length;
    if (!SystemFunction036(data, n)) return FALSE;
    data += n;
    length -= n;
  }
  return TRUE;
}
