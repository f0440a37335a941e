"""`docgen serve`: the whole kit from a browser page (Starlette under uvicorn).

Imported only by `docgen serve`: Starlette, uvicorn and python-multipart stay out of every other
command. The page is a thin layer over the library: each class is an ordinary class folder under
the workspace, validated by docgen.config, read by docgen.readers and built by docgen.build.
"""
