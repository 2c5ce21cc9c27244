// Whether the mlw size model (mlw_size.cpp, mlw_search.cpp) uses SSE2: always on x86-64, where
// the searches run 16 configurations side by side; elsewhere the scalar code does the same.
#pragma once

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define INFERSCOPE_MLW_SSE2 1
#else
#define INFERSCOPE_MLW_SSE2 0
#endif
