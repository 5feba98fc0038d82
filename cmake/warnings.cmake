# Warnings are errors for emflow's own targets (not for third-party code).
function(emflow_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wno-unused-parameter)
endfunction()
