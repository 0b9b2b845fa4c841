"""The registry's pages, one module per entity: residents, households, places (compounds, buildings,
premises) and population statistics."""
