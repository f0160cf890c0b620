-- A minimal Neovim setup (0.7 or later) that starts `jdlint server` for Markdown buffers, waits
-- for its diagnostics and writes them to $JDLINT_NVIM_OUT, one per line:
-- `LINE:COL: SEVERITY CODE MESSAGE` (0-based line and column, as Neovim stores them).
-- Run by .ci/nvim-check.sh; the same autocmd is what the README suggests for real use.
local jdlint = os.getenv("JDLINT") or "jdlint"
local out = os.getenv("JDLINT_NVIM_OUT")

vim.api.nvim_create_autocmd("FileType", {
  pattern = { "markdown", "text" },
  callback = function(args)
    local client = vim.lsp.start_client({
      name = "jdlint",
      cmd = { jdlint, "server" },
      root_dir = vim.fn.getcwd(),
    })
    if client then
      vim.lsp.buf_attach_client(args.buf, client)
    end
  end,
})

function JdlintWriteDiagnostics()
  local ok = vim.wait(10000, function()
    return #vim.diagnostic.get(0) > 0
  end, 50)
  local lines = {}
  if not ok then
    table.insert(lines, "TIMEOUT: no diagnostics")
  end
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local message = d.message:gsub("\n.*", "")
    table.insert(lines, string.format("%d:%d: %d %s %s", d.lnum, d.col, d.severity, d.code or d.user_data and d.user_data.lsp and d.user_data.lsp.code or "?", message))
  end
  vim.fn.writefile(lines, out)
end
