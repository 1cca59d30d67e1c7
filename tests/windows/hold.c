/* hold.exe FILE MILLISECONDS: opens FILE with no sharing, as Excel or an editor does while
   saving, prints "held", and keeps it for MILLISECONDS. Built by scripts/windows-exe.sh for the
   Wine tests (tests/testsuite/windows.rs). */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

int wmain(int argc, wchar_t **argv) {
  if (argc != 3) return 2;
  HANDLE h = CreateFileW(argv[1], GENERIC_READ, 0, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
  if (h == INVALID_HANDLE_VALUE) { printf("cannot open: %lu\n", GetLastError()); return 1; }
  printf("held\n");
  fflush(stdout);
  Sleep((DWORD)_wtoi(argv[2]));
  CloseHandle(h);
  return 0;
}
